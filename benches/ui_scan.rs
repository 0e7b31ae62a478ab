//! One barcode scan through the GUI (13 digit key presses, Enter, then a fresh view) with a
//! 100,000-product catalogue and a 200-line cart, against the 16.7 ms of one 60 Hz frame.

use std::sync::Arc;
use std::time::{Duration, Instant};

use iced::keyboard::{self, Key, Location, Modifiers, key::Named, key::Physical};
use tameio::domain::catalog::ean_check_digit;
use tameio::domain::{Barcode, Money, Names, Product, Unit, VatRate};
use tameio::register::Register;
use tameio::ui::app::jobs;
use tameio::ui::app::{App, Message};
use tameio::ui::catalog::Catalog;
use tameio::ui::screen::signin;

const PRODUCTS: usize = 100_000;
const CART_LINES: usize = 200;
const SCANS: usize = 200;
const FRAME: Duration = Duration::from_micros(16_700);
const CATEGORIES: [&str; 8] =
    ["dairy", "bakery", "produce", "pantry", "drinks", "household", "books", "care"];

fn barcode(i: usize) -> String {
    let body: Vec<u32> = format!("29{i:010}").chars().filter_map(|c| c.to_digit(10)).collect();
    let mut code: String = body.iter().map(|d| char::from(b'0' + *d as u8)).collect();
    code.push(char::from(b'0' + ean_check_digit(&body) as u8));
    code
}

fn catalogue() -> Result<Catalog, Box<dyn std::error::Error>> {
    let mut products = Vec::with_capacity(PRODUCTS);
    for i in 0..PRODUCTS {
        let name = format!("Product {i}");
        products.push(Product {
            id: i as i64 + 1,
            plu: 100_000 + i as u32,
            barcode: Some(Barcode::parse(&barcode(i))?),
            names: Names { en: name.clone(), el: format!("Είδος {i}"), it: format!("Articolo {i}") },
            category: CATEGORIES[i % CATEGORIES.len()].to_string(),
            price: Money::from_cents(100 + (i as i64 % 5000)),
            vat: VatRate(if i % 3 == 0 { 2400 } else { 1300 }),
            unit: Unit::Piece,
        });
    }
    Ok(Catalog::new(products))
}

fn press(key: Key, text: Option<&str>) -> Message {
    Message::Key(keyboard::Event::KeyPressed {
        key: key.clone(),
        modified_key: key,
        physical_key: Physical::Unidentified(keyboard::key::NativeCode::Unidentified),
        location: Location::Standard,
        modifiers: Modifiers::default(),
        text: text.map(Into::into),
        repeat: false,
    })
}

fn scan(app: &mut App, code: &str) {
    for ch in code.chars() {
        let s = ch.to_string();
        let _ = app.handle(press(Key::Character(s.as_str().into()), Some(&s)));
    }
    let _ = app.handle(press(Key::Named(Named::Enter), None));
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let reg = Arc::new(Register::in_memory(Default::default())?);
    let (mut app, boot) = App::new(reg);
    for job in boot {
        let answer = jobs::run(app.register(), &app.ctx.i18n, job);
        app.settle(answer);
    }
    let built = Instant::now();
    let catalog = Arc::new(catalogue()?);
    println!("catalogue of {PRODUCTS} products indexed in {:.1} ms", built.elapsed().as_secs_f64() * 1e3);
    app.settle(Message::CatalogLoaded(Ok(catalog)));
    let maria = app.users.iter().find(|u| u.name == "Maria").map(|u| u.id).ok_or("no demo cashier")?;
    app.settle(Message::SignIn(signin::Message::Pick(maria)));
    for ch in "1111".chars() {
        let s = ch.to_string();
        app.settle(press(Key::Character(s.as_str().into()), Some(&s)));
    }
    app.settle(press(Key::Named(Named::Enter), None));
    for i in 0..CART_LINES {
        scan(&mut app, &barcode(i * 397 % PRODUCTS));
    }
    if app.checkout.cart.lines.len() != CART_LINES {
        return Err("the cart was not filled".into());
    }
    let full = app.checkout.cart.clone();

    let mut times = Vec::with_capacity(SCANS);
    for i in 0..SCANS {
        let code = barcode(PRODUCTS - 1 - i * 13);
        let start = Instant::now();
        scan(&mut app, &code);
        let element = app.view();
        std::hint::black_box(&element);
        drop(element);
        times.push(start.elapsed());
        if app.checkout.cart.lines.len() != CART_LINES + 1 {
            return Err(format!("scan {code} did not add a line").into());
        }
        app.checkout.cart = full.clone();
        app.checkout.totals = full.totals();
    }
    times.sort();
    let median = times[SCANS / 2];
    let worst = times[SCANS - 1];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "one scan (14 key presses + view) with {PRODUCTS} products, {CART_LINES}-line cart: median {:.3} ms, worst {:.3} ms",
        ms(median),
        ms(worst)
    );
    println!(
        "frame budget 16.7 ms: median uses {:.1} % of a frame, worst {:.1} %",
        100.0 * median.as_secs_f64() / FRAME.as_secs_f64(),
        100.0 * worst.as_secs_f64() / FRAME.as_secs_f64()
    );
    Ok(())
}
